// Lambda entry of the publish stage: job facts → status, documents and manifest in the output bucket.
import { StageName } from '../lib/pipeline/stages.js';
import { createPublishHandler } from './handlers.js';
import { lambdaDeps } from './lambda-deps.js';

export const handler = createPublishHandler(lambdaDeps(StageName.Publish));
