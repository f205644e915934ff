/**
 * Remember `value` in a Map used as a FIFO cache. Entries are derived from immutable
 * inputs (a certificate's bytes), so evicting the oldest is as good as LRU and cheaper.
 */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max = 10_000): V {
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}
