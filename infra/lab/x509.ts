/**
 * @peculiar/x509 for the lab: its dependency tsyringe throws at load time unless the Reflect
 * metadata API exists, so the polyfill loads first. Import the library only through here.
 */
import "reflect-metadata";

export * as x509 from "@peculiar/x509";
