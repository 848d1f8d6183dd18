// The CDK app: `npx cdk synth` / `npx cdk deploy` (see cdk.json). Environment-agnostic, so synth
// needs no AWS credentials; cdk-nag's AWS Solutions checks run on every synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ReportPressStack } from './report-press-stack.js';

const app = new App();
// `npx cdk deploy -c documentAuthor=…` names the author the documents carry.
const documentAuthor: unknown = app.node.tryGetContext('documentAuthor');
// `-c stallMinutes=30`: how long a job may go without progress before the sweep ends it.
const stallContext: unknown = app.node.tryGetContext('stallMinutes');
const stallMinutes = stallContext === undefined ? undefined : Number(stallContext);
if (stallMinutes !== undefined && !(stallMinutes > 0)) throw new Error(`-c stallMinutes must be a positive number of minutes (got "${String(stallContext)}")`);
new ReportPressStack(app, 'ReportPress', {
  description: 'report-press: raw Chinese .txt in, GB/T 9704 DOCX and PDF out (S3 → Lambda chain)',
  ...(typeof documentAuthor === 'string' && documentAuthor !== '' ? { documentAuthor } : {}),
  ...(stallMinutes !== undefined ? { stallMinutes } : {}),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
