export * from './value-stream-map';
export * from './value-stream-map-svg';
export * from './smed-analysis';
export * from './five-s-audit';
