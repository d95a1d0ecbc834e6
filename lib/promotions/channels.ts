/** A promotion channel as a dealer reads it: the marketplaces' own names ("blocket" → "Blocket"). Client-safe. */
export const channelName = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/** "Blocket och Bytbil" / "Blocket and Bytbil" / "Blocket et Bytbil", in the reader's language. */
export function channelList(ids: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(ids.map(channelName));
}
