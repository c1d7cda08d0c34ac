/** A text file offered for download by an extension page (popup exports, options model export). */
export interface SaveFile {
  name: string;
  mime: string;
  text: string;
}

/** Download through a temporary object URL; no `downloads` permission needed. */
export function downloadText(file: SaveFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: revoking synchronously can cancel the download in Chromium.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
