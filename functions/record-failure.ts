// Lambda entry of the record-failure stage: a stage that failed on every retry → the job's error fact.
import { StageName } from '../lib/pipeline/stages.js';
import { createRecordFailureHandler } from './handlers.js';
import { lambdaDeps } from './lambda-deps.js';

export const handler = createRecordFailureHandler(lambdaDeps(StageName.RecordFailure));
