import { ruleTester } from '../helpers/ruleTester';

const B = 'quay.io/cdis/amazonlinux-base';
const ECR = '707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/amazonlinux-base';
// gunicorn: evidence of a Python application, so the file is in the standard's scope whatever its tag.
const END = '\nUSER gen3\nCMD ["gunicorn", "app:app"]\n';

ruleTester('IMG005', {
  valid: [
    `FROM ${B}:3.13-pythonbase${END}`,
    { name: 'another ECR repository is not a known mirror (IMG001)', code: `FROM 707767160287.dkr.ecr.us-east-1.amazonaws.com/gen3/other:1${END}` },
  ],
  invalid: [
    {
      name: 'the ECR mirror: the central repository replaces it, tag kept',
      code: `FROM ${ECR}:3.13-pythonbase${END}`,
      errors: [
        {
          line: 1,
          column: 6,
          endColumn: 72,
          severity: 'warning',
          message: /' is Gen3's private AWS ECR mirror of quay\.io\/cdis\/amazonlinux-base\.$/,
        },
      ],
      applicability: 'safe',
      output: `FROM ${B}:3.13-pythonbase${END}`,
    },
    {
      name: 'digest kept',
      code: `FROM ${ECR}@sha256:${'c'.repeat(64)}${END}`,
      errors: [{ line: 1, column: 6 }],
      applicability: 'safe',
      output: `FROM ${B}@sha256:${'c'.repeat(64)}${END}`,
    },
  ],
});
