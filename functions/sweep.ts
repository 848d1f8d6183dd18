// Lambda entry of the sweep: on a schedule, settle or fail stalled jobs and put owed Job Finished events.
import { StageName } from '../lib/pipeline/stages.js';
import { createSweepHandler } from './handlers.js';
import { lambdaDeps } from './lambda-deps.js';

export const handler = createSweepHandler(lambdaDeps(StageName.Sweep));
