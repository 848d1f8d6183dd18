// Lambda entry of the split stage: cleaned text → one work object per report + the manifest.
import { StageName } from '../lib/pipeline/stages.js';
import { createSplitHandler } from './handlers.js';
import { lambdaDeps } from './lambda-deps.js';

export const handler = createSplitHandler(lambdaDeps(StageName.Split));
