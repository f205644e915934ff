/**
 * node-forge's own files, imported one by one so that the 3DES chunk holds only DES, the cipher modes, SHA-1 and
 * their utilities (not RSA, X.509, TLS...). @types/node-forge types the whole package; these files fill in its parts.
 */
declare module 'node-forge/lib/forge.js' {
  const forge: typeof import('node-forge');
  export default forge;
}
declare module 'node-forge/lib/des.js';
declare module 'node-forge/lib/sha1.js';
