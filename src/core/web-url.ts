/**
 * The web-address rule of the schemas (`WebUrl`: http or https with a domain name), without zod, so
 * the browser can check a link at no bundle cost. A test keeps it equal to the schema.
 */
const DOMAIN = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

/** Whether a parsed URL is http(s) on a named host. */
export function isWebLocation(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && DOMAIN.test(url.hostname);
}

export function isWebUrl(value: string): boolean {
  const trimmed = value.trim();
  // The URL parser accepts "http:example.org"; the schema asks for the "//".
  if (!/^https?:\/\//i.test(trimmed)) return false;
  try {
    return isWebLocation(new URL(trimmed));
  } catch {
    return false;
  }
}
