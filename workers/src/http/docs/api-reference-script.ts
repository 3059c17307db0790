/**
 * Where the dashboard build puts Scalar's standalone bundle (web/vite.config.ts copies it from
 * @scalar/api-reference): the reference page loads its script from this deployment, never from a
 * CDN, so it renders on a machine without internet and under the Worker's own CSP. No imports:
 * the Vite config loads this file in Node.
 */
export const API_REFERENCE_SCRIPT = "/vendor/scalar/api-reference.js";
