// An SMS provider's HTTP gateway, for a center that has one instead of a modem: a URL template
// with the number and {text}, each filled in URL-encoded. The number comes in the form the provider
// takes: {to} +84912345678, {to84} 84912345678, {to0} 0912345678. GET calls the URL; POST posts it
// with the same two values as a form body (to=…&text=…), which is what most gateways take either way.
//
// Many providers answer 200 with an error code in the body. A template may end in a fragment (never
// sent: a URL's fragment stays here) that says how to read the body: #ok=<text> counts an answer as
// sent only when its body holds <text>; #fail=<text> counts one whose body holds <text> as refused;
// both may be given, joined by &, URL-encoded (#ok=%22CodeResult%22%3A%22100%22&fail=error).
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

const NUMBER = /\{to(?:84|0)?\}/;

/** Whether a template can be filled: an http(s) URL that takes the number (in one of its forms) and the text. */
export function gatewayTemplateIsValid(template: string): boolean {
  if (!NUMBER.test(template) || !template.includes('{text}')) return false;
  try {
    const url = new URL(fillTemplate(template, '+84900000000', 'x'));
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The URL to call (its fragment, the answer's reading, left off), for a number given as +84… or 0…. */
export function fillTemplate(template: string, to: string, text: string): string {
  const nine = to.replace(/^(?:\+84|84|0)/, '');
  const hash = template.indexOf('#');
  return (hash < 0 ? template : template.slice(0, hash))
    .replaceAll('{to84}', encodeURIComponent(`84${nine}`))
    .replaceAll('{to0}', encodeURIComponent(`0${nine}`))
    .replaceAll('{to}', encodeURIComponent(`+84${nine}`))
    .replaceAll('{text}', encodeURIComponent(text));
}

/** How a 2xx answer's body is read, from the template's fragment (#ok=…&fail=…); empty: any 2xx is sent. */
export function answerReading(template: string): { ok: string | null; fail: string | null } {
  const hash = template.indexOf('#');
  if (hash < 0) return { ok: null, fail: null };
  const q = new URLSearchParams(template.slice(hash + 1));
  return { ok: q.get('ok') || null, fail: q.get('fail') || null };
}

/**
 * Sends through the gateway. A 2xx answer is sent (unless the template's reading of its body says
 * otherwise: then refused); any other answer is refused (not sent); no answer by the deadline, or
 * the connection lost after the request went out, may have been sent.
 */
export async function sendViaGateway(req: GatewayRequest): Promise<{ status: number }> {
  if (!gatewayTemplateIsValid(req.urlTemplate)) throw new SmsSendError('error', false);
  const url = fillTemplate(req.urlTemplate, req.to, req.text);
  let answer: Response;
  let body: string;
  try {
    answer = await fetch(url, {
      method: req.method,
      signal: AbortSignal.timeout(req.deadlineMs ?? 15_000),
      redirect: 'error',
      ...(req.method === 'POST' ? { body: new URLSearchParams({ to: req.to, text: req.text }) } : {}),
    });
    body = await answer.text(); // the body, read to its end within the same deadline
  } catch (err) {
    // Refused before anything went out (no route, connection refused): not sent.
    const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code; // undici puts the socket's error in cause
    const notSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
    throw new SmsSendError(notSent ? 'error' : 'timeout', !notSent);
  }
  if (answer.status < 200 || answer.status > 299) throw new SmsSendError('rejected', false, null);
  const reading = answerReading(req.urlTemplate);
  if (reading.fail !== null && body.includes(reading.fail)) throw new SmsSendError('rejected', false, null);
  if (reading.ok !== null && !body.includes(reading.ok)) throw new SmsSendError('rejected', false, null);
  return { status: answer.status };
}
