export * from './filter-types';
export { parseFilter, MAX_FILTER_LENGTH, MAX_FILTER_DEPTH } from './filter-parser';
export * from './filter-evaluator';
export * from './filter-sql';
export { formatAttributePath } from './attribute-path';
