/**
 * The Reflect metadata functions tsyringe (a dependency of @peculiar/x509) demands at load time.
 * @peculiar/x509 registers its algorithm classes without constructor parameters, so a WeakMap
 * store is all they need; a full polyfill (reflect-metadata, @abraham/reflection) loaded earlier
 * is left alone. Imported only through ./x509, which guarantees it runs before the library.
 */
type MetadataKey = unknown;
interface ReflectWithMetadata {
  getMetadata?: (key: MetadataKey, target: object) => unknown;
  getOwnMetadata?: (key: MetadataKey, target: object) => unknown;
  defineMetadata?: (key: MetadataKey, value: unknown, target: object) => void;
}

const reflect = Reflect as unknown as ReflectWithMetadata;

if (typeof reflect.getMetadata !== "function") {
  const store = new WeakMap<object, Map<MetadataKey, unknown>>();
  reflect.defineMetadata = (key, value, target) => {
    const entries = store.get(target) ?? new Map<MetadataKey, unknown>();
    entries.set(key, value);
    store.set(target, entries);
  };
  reflect.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  reflect.getMetadata = (key, target) => {
    for (let current: object | null = target; current; current = Object.getPrototypeOf(current)) {
      const entries = store.get(current);
      if (entries?.has(key)) return entries.get(key);
    }
    return undefined;
  };
}
