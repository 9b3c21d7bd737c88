// Registered by schema/index.ts. (Being written.)
export {};
