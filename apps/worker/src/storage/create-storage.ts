/**
 * Picks the storage driver from configuration. The worker's `config.ts` parses the
 * environment into this shape; the local folder driver is the default there.
 */
import { LocalStorage } from './local-storage.js';
import { S3Storage } from './s3-storage.js';
import type { ObjectStorage } from './storage.js';

export interface LocalStorageConfig {
  driver: 'local';
  dir: string;
}

export interface S3StorageConfig {
  driver: 's3';
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

export type StorageConfig = LocalStorageConfig | S3StorageConfig;

export function createStorage(config: StorageConfig): ObjectStorage {
  switch (config.driver) {
    case 'local':
      return new LocalStorage({ dir: config.dir });
    case 's3': {
      const { driver: _driver, ...options } = config;
      return new S3Storage(options);
    }
  }
}
