// Lambda entry of the DOCX render stage: one report → one .docx in the output bucket.
import { StageName } from '../lib/pipeline/stages.js';
import { createRenderDocxHandler } from './handlers.js';
import { lambdaDeps } from './lambda-deps.js';

export const handler = createRenderDocxHandler(lambdaDeps(StageName.RenderDocx));
