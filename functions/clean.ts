// Lambda entry of the clean stage: input .txt → cleaned text in the work bucket.
import { StageName } from '../lib/pipeline/stages.js';
import { createCleanHandler } from './handlers.js';
import { lambdaDeps } from './lambda-deps.js';

export const handler = createCleanHandler(lambdaDeps(StageName.Clean));
