// API keys in custom request headers: x-api-key (AWS API Gateway), api-key (Azure OpenAI),
// Ocp-Apim-Subscription-Key (Azure APIM), x-goog-api-key, PRIVATE-TOKEN (GitLab), ...
import type { Header } from '../types.ts';

const API_KEY =
  /^(x-)?(api-?key|apikey|api-?token|auth-?token|access-?token|goog-api-key|functions-key|private-token|amz-security-token)$|subscription-key$/i;

export function findApiKeys(headers: readonly Header[]): Header[] {
  return headers.filter((h) => API_KEY.test(h.name) && h.value.trim() !== '');
}
