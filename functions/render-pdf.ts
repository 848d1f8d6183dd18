// Lambda entry of the PDF render stage: one report → one .pdf; fonts travel in the bundle.
import { StageName } from '../lib/pipeline/stages.js';
import { createRenderPdfHandler } from './handlers.js';
import { lambdaDeps } from './lambda-deps.js';

export const handler = createRenderPdfHandler(lambdaDeps(StageName.RenderPdf));
