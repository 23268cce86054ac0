// An SMS provider's HTTP gateway, for a center that has one instead of a modem: a URL template
// with {to} and {text}, each filled in URL-encoded. GET calls the URL; POST posts it with the same
// two values as a form body (to=…&text=…), which is what most gateways take either way.
// Errors never carry the URL: it holds the number (and often the provider's key).
import { SmsSendError } from './modem.ts';

export interface GatewayRequest {
  urlTemplate: string;
  method: 'GET' | 'POST';
  to: string;
  text: string;
  /** The whole exchange, answer included (default 15 s). */
  deadlineMs?: number;
}

/** Whether a template can be filled: an http(s) URL that takes both the number and the text. */
export function gatewayTemplateIsValid(template: string): boolean {
  if (!template.includes('{to}') || !template.includes('{text}')) return false;
  try {
    const url = new URL(template.replaceAll('{to}', '0').replaceAll('{text}', 'x'));
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function fillTemplate(template: string, to: string, text: string): string {
  return template.replaceAll('{to}', encodeURIComponent(to)).replaceAll('{text}', encodeURIComponent(text));
}

/**
 * Sends through the gateway. A 2xx answer is sent; any other answer is refused (not sent); no
 * answer by the deadline, or the connection lost after the request went out, may have been sent.
 */
export async function sendViaGateway(req: GatewayRequest): Promise<{ status: number }> {
  if (!gatewayTemplateIsValid(req.urlTemplate)) throw new SmsSendError('error', false);
  const url = fillTemplate(req.urlTemplate, req.to, req.text);
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: req.method,
      signal: AbortSignal.timeout(req.deadlineMs ?? 15_000),
      redirect: 'error',
      ...(req.method === 'POST' ? { body: new URLSearchParams({ to: req.to, text: req.text }) } : {}),
    });
    await answer.arrayBuffer(); // the body, read to its end within the same deadline
  } catch (err) {
    // Refused before anything went out (no route, connection refused): not sent.
    const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code; // undici puts the socket's error in cause
    const notSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
    throw new SmsSendError(notSent ? 'error' : 'timeout', !notSent);
  }
  if (answer.status < 200 || answer.status > 299) throw new SmsSendError('rejected', false, null);
  return { status: answer.status };
}
