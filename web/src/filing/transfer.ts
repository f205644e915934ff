import type { Problem } from '../api/client';
import type { SigningPayload } from '../api/signed';

/**
 * POST /api/v1/edocuments/uploads (multipart) with XMLHttpRequest, whose upload events give the progress bar what
 * fetch cannot. Answers the payload to sign (the file's SHA-256 and metadata), or throws the window's problem.
 */
export function uploadEdocument(
  token: string,
  form: { traderRfc: string; documentType: string; file: File },
  onProgress: (percent: number) => void,
): Promise<SigningPayload> {
  const body = new FormData();
  body.append('traderRfc', form.traderRfc);
  body.append('documentType', form.documentType);
  body.append('file', form.file, form.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/edocuments/uploads');
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.upload.onload = () => onProgress(100);
    xhr.onload = () => {
      const answer = xhr.response as (SigningPayload & Partial<Problem>) | null;
      if (xhr.status >= 200 && xhr.status < 300 && answer) {
        onProgress(100);
        resolve(answer);
      } else
        reject({
          status: xhr.status,
          code: typeof answer?.code === 'string' ? answer.code : 'internal',
        } satisfies Problem);
    };
    xhr.onerror = () => reject({ status: 0, code: 'network.unreachable' } satisfies Problem);
    xhr.send(body);
  });
}
