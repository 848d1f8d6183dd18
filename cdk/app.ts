// The CDK app: `npx cdk synth` / `npx cdk deploy` (see cdk.json). Environment-agnostic, so synth
// needs no AWS credentials; cdk-nag's AWS Solutions checks run on every synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ReportPressStack } from './report-press-stack.js';

const app = new App();
// `npx cdk deploy -c documentAuthor=…` names the author the documents carry.
const documentAuthor: unknown = app.node.tryGetContext('documentAuthor');
new ReportPressStack(app, 'ReportPress', {
  description: 'report-press: raw Chinese .txt in, GB/T 9704 DOCX and PDF out (S3 → Lambda chain)',
  ...(typeof documentAuthor === 'string' && documentAuthor !== '' ? { documentAuthor } : {}),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
