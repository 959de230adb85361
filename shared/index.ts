export * from './contract';
export * from './domain/codes';
export * from './domain/email';
export * from './domain/businessId';
export * from './domain/publicDomains';
export * from './domain/carePlan';
export * from './domain/zonedTime';
export * from './contract-admin';
