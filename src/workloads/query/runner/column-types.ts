/** DuckDB's integer column types: numbers again where they fit in a double. */
export const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|HUGEINT|UHUGEINT)$/;
/** DuckDB's floating and decimal column types. */
export const FLOAT = /^(FLOAT|DOUBLE|DECIMAL\(.*\))$/;
