/** DI token under which each app provides its validated, frozen config object. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
