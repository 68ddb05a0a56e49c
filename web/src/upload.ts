/**
 * A request with progress (XMLHttpRequest reports the bytes sent and received; fetch does not),
 * its answer kept as a Blob so it can be downloaded as it came.
 */
import { ApiError } from "./api.js";

export interface Progress {
  phase: "sending" | "computing" | "receiving";
  /** 0 to 1, or null when the size is not known. */
  fraction: number | null;
}

export interface Uploaded {
  body: Blob;
  headers: (name: string) => string | null;
}

export function upload(
  method: "POST" | "GET",
  url: string,
  body: Blob | null,
  headers: Record<string, string>,
  onProgress: (p: Progress) => void,
): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.responseType = "blob";
    xhr.upload.onprogress = (e) =>
      onProgress({ phase: "sending", fraction: e.lengthComputable ? e.loaded / e.total : null });
    xhr.upload.onload = () => onProgress({ phase: "computing", fraction: null });
    xhr.onprogress = (e) =>
      onProgress({ phase: "receiving", fraction: e.lengthComputable ? e.loaded / e.total : null });
    xhr.onerror = () => reject(new ApiError("the server could not be reached", 0));
    xhr.onload = async () => {
      const blob = xhr.response as Blob;
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ body: blob, headers: (name) => xhr.getResponseHeader(name) });
        return;
      }
      try {
        const p = JSON.parse(await blob.text()) as {
          detail?: string;
          field?: string;
          suggestions?: string[];
        };
        reject(new ApiError(p.detail ?? `HTTP ${xhr.status}`, xhr.status, p.field, p.suggestions ?? []));
      } catch {
        reject(new ApiError(`HTTP ${xhr.status}`, xhr.status));
      }
    };
    xhr.send(body);
  });
}
