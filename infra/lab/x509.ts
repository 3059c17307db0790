/**
 * @peculiar/x509 for the lab. Its dependency tsyringe throws at load time unless Reflect has
 * metadata functions; the library registers classes without constructor parameters, so a
 * WeakMap store suffices (core/src/tls/x509.ts does the same; the first one loaded wins).
 * This module must be the only place the lab imports the library from, so the shim runs first.
 */
import "./reflect-shim";

export * as x509 from "@peculiar/x509";
