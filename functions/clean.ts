// Lambda entry of the clean stage: input .txt or .docx → cleaned text in the work bucket.
import { StageName } from '../lib/pipeline/stages.js';
import { createCleanHandler } from './handlers.js';
import { lambdaDeps } from './lambda-deps.js';
import { readDocxParagraphs } from './word-reader.js';

export const handler = createCleanHandler({ ...lambdaDeps(StageName.Clean), readDocx: readDocxParagraphs });
