/**
 * A Content-Disposition header whose file name is safe whatever it was built from (an id out of a URL, a
 * title): the plain `filename` keeps letters, digits, `_`, `.` and `-` (others become `_`), so no quote,
 * semicolon or line break reaches the header; when that changed the name, `filename*` (RFC 6266 / 8187)
 * carries the exact name, percent-encoded as UTF-8.
 */
export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const plain = filename.replace(/[^A-Za-z0-9_.-]/g, '_');
  if (plain === filename) return `${type}; filename="${plain}"`;
  const exact = [...new TextEncoder().encode(filename)]
    .map((byte) =>
      /[A-Za-z0-9_.-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
  return `${type}; filename="${plain}"; filename*=UTF-8''${exact}`;
}
