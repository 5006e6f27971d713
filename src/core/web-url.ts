/**
 * The web-address rule of the schemas (`WebUrl`: http or https with a domain name), without zod, so
 * the forms can check a link in the browser at no bundle cost. A test keeps it equal to the schema.
 */
const DOMAIN = /^(?=.{1,253}$)([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

export function isWebUrl(value: string): boolean {
  const trimmed = value.trim();
  // The URL parser accepts "http:example.org"; the schema asks for the "//".
  if (!/^https?:\/\//i.test(trimmed)) return false;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && DOMAIN.test(url.hostname);
}
