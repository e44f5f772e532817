export * from './lib/object-store.config';
export * from './lib/object-store';
export * from './lib/object-store.module';
export * from './lib/content-type.sniffer';
export * from './lib/content-disposition.format';
export * from './lib/presign.signer';
