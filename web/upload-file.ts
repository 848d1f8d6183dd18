/**
 * The upload of a file to its presigned URL, with byte progress (XMLHttpRequest: fetch reports no
 * upload progress).
 */
import type { UploadGrant } from '../lib/web/api-contract.js';

/** Why an upload to S3 did not complete: the HTTP status, or 0 for a network failure. */
export class UploadFailure extends Error {
  override readonly name = 'UploadFailure';
  constructor(readonly status: number) {
    super(status === 0 ? 'network error' : `HTTP ${status}`);
  }
}

/** PUTs `file` as the grant says, reporting bytes sent. */
export function uploadFile(grant: UploadGrant, file: Blob, onProgress: (sent: number, total: number) => void): Promise<void> {
  return new Promise((resolveUpload, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(grant.method, grant.url);
    for (const [name, value] of Object.entries(grant.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
    xhr.addEventListener('load', () => (xhr.status >= 200 && xhr.status < 300 ? resolveUpload() : reject(new UploadFailure(xhr.status))));
    xhr.addEventListener('error', () => reject(new UploadFailure(0)));
    xhr.send(file);
  });
}
