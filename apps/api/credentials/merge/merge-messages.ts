/** The API sends a merge process its PDFs in page order, a batch at a time, then asks for the file. */
export type MergeRequest = { kind: 'pdfs'; pdfs: Uint8Array[] } | { kind: 'write'; outFile: string };

/** Each batch is acknowledged before the next is read (so the API holds one batch at most); then the file's facts. */
export type MergeReply =
  | { kind: 'ready' }
  | { kind: 'added' }
  | { kind: 'written'; pages: number; pid: number }
  | { kind: 'failed'; message: string };
