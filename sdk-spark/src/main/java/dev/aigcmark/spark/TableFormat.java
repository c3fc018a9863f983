package dev.aigcmark.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/** How a job's rows are written: a Parquet table, or JSON Lines (one JSON object per line, part files). */
public enum TableFormat {
    PARQUET,
    JSONL;

    /**
     * Writes {@code rows} to {@code path} (refusing an existing one unless {@code overwrite}). As JSON Lines, a table
     * whose rows carry a whole JSON line ({@code lineColumn}, e.g. the verify report) is written as those lines
     * exactly; otherwise each row becomes one JSON object.
     */
    void write(Dataset<Row> rows, String path, boolean overwrite, String lineColumn) {
        SaveMode mode = overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
        switch (this) {
            case PARQUET -> rows.write().mode(mode).parquet(path);
            case JSONL -> {
                if (lineColumn != null) {
                    rows.select(lineColumn).write().mode(mode).text(path);
                } else {
                    rows.write().mode(mode).json(path);
                }
            }
        }
    }
}
