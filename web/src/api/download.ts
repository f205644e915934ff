import { call } from './client';

/**
 * A PDF of the window, read through the typed client (so with the session token in a header, never in a URL), handed
 * to the browser as a file named `name`. Throws the window's problem as an ApiProblem, like every call.
 */
export async function downloadPdf(
  request: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  name: string,
): Promise<void> {
  const data = (await call(request)) as BlobPart;
  const url = URL.createObjectURL(new Blob([data], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
