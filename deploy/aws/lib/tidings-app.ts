import { App, type AppProps } from "aws-cdk-lib/core";
import { VALIDATE_AGAINST_DEFAULT_RULES } from "aws-cdk-lib/cx-api";

/**
 * The CDK app for `cdk` and the tests alike: synthesis fails, instead of warning, when the
 * template breaks CloudFormation's rules (a dependency cycle, say), which CloudFormation would
 * otherwise report only at deployment.
 */
export function tidingsApp(props: AppProps = {}): App {
  return new App({ ...props, context: { [VALIDATE_AGAINST_DEFAULT_RULES]: true, ...props.context } });
}
