// Who answers in front of the application, by the marks it leaves on its own answers: rows of
// plain data. A row matches when its header is present (with a value matching, if given), and
// its body words when given. WAFs are told apart by the waf-block rule, identity providers by
// their endpoints (idp.ts).
import type { Layer } from '../types.ts';

export interface LayerSign {
  layer: Layer;
  name: string;
  header?: string;
  value?: RegExp;
  host?: RegExp;
  /** words of the body (lower case) that this layer writes when it answers itself */
  text?: RegExp;
  /** a header whose presence says the request went past this layer (the application answered) */
  unless?: string;
}

export const LAYER_SIGNS: readonly LayerSign[] = [
  { layer: 'gateway', name: 'AWS API Gateway', header: 'x-amz-apigw-id' },
  {
    layer: 'gateway',
    name: 'AWS API Gateway',
    header: 'x-amzn-errortype',
    host: /\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/,
  },
  // API Gateway HTTP APIs: the JWT authorizer refuses with its own Bearer challenge
  {
    layer: 'gateway',
    name: 'AWS API Gateway (JWT authorizer)',
    header: 'www-authenticate',
    value: /\berror="?(invalid_token|insufficient_scope)/i,
    host: /\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/,
  },
  // AWS services that authorize before any code of the caller's runs, and answer with x-amzn-ErrorType
  {
    layer: 'gateway',
    name: 'AWS AppSync',
    header: 'x-amzn-errortype',
    host: /\.appsync-api\.[a-z0-9-]+\.amazonaws\.com$/,
  },
  {
    layer: 'gateway',
    name: 'AWS Lambda function URL',
    header: 'x-amzn-errortype',
    host: /\.lambda-url\.[a-z0-9-]+\.on\.aws$/,
  },
  { layer: 'gateway', name: 'Azure API Management', header: 'www-authenticate', value: /^\s*AzureApiManagementKey/i },
  { layer: 'gateway', name: 'Azure API Management', header: 'apim-request-id' },
  { layer: 'gateway', name: 'Azure API Management', header: 'ocp-apim-trace-location' },
  { layer: 'gateway', name: 'Azure Resource Manager', header: 'x-ms-failure-cause', value: /gateway/i },
  { layer: 'gateway', name: 'Kong', header: 'server', value: /^kong/i },
  { layer: 'gateway', name: 'Kong', header: 'x-kong-response-latency', unless: 'x-kong-upstream-latency' },
  {
    layer: 'gateway',
    name: 'Envoy (jwt_authn / RBAC)',
    header: 'server',
    value: /^(istio-)?envoy$/i,
    text: /jwt|rbac/,
    unless: 'x-envoy-upstream-service-time',
  },
  { layer: 'gateway', name: 'Apigee', header: 'x-apigee-fault-code' },
  { layer: 'gateway', name: 'Google Cloud IAP', header: 'x-goog-iap-generated-response' },
  { layer: 'gateway', name: 'Tyk', header: 'x-tyk-api-expires' },
];
