/** Hands a downloaded file to the browser's save dialog / downloads folder. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL only has to outlive this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
