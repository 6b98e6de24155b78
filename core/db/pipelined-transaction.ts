import type postgres from "postgres";

type TransactionCallback<T> = (sql: postgres.TransactionSql) => T | Promise<T>;

/**
 * A postgres.js client whose transactions send `begin` together with their first statement. postgres.js's own
 * `begin` waits for the server to answer `begin` before the transaction's first statement goes out: a round trip,
 * a socket write and a database process woken, for nothing, on every message and every confirmation. Here `begin`
 * is only queued on the transaction's connection, and goes out in the same write as the statement that follows it;
 * should `begin` fail, that statement fails too and the transaction is rolled back as any other failure.
 * Savepoints (drizzle's nested transactions) work as in postgres.js.
 */
export function withPipelinedBegin(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "begin") return (callback: TransactionCallback<unknown>) => pipelinedBegin(target, callback);
      return Reflect.get(target, property, receiver);
    },
  });
}

async function pipelinedBegin<T>(client: postgres.Sql, callback: TransactionCallback<T>): Promise<T> {
  if (typeof callback !== "function") throw new TypeError("begin takes a callback only");
  const connection = await client.reserve();
  try {
    const begun = connection.unsafe("begin").execute();
    // Its failure is the next statement's failure; awaited below only to be certain it happened.
    begun.catch(() => {});
    const result = await callback(withSavepoints(connection));
    await begun;
    await connection.unsafe("commit");
    return result;
  } catch (error) {
    // A broken connection cannot roll back, and needs not: the server ends the transaction with it.
    await connection.unsafe("rollback").catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}

/** The reserved connection as the transaction's client: postgres.js gives savepoints only to its own transactions. */
function withSavepoints(connection: postgres.ReservedSql): postgres.TransactionSql {
  let savepoints = 0;
  const transaction = connection as unknown as postgres.TransactionSql;
  const savepoint = async <T>(callback: TransactionCallback<T>): Promise<T> => {
    const name = `s${++savepoints}`;
    await connection.unsafe(`savepoint ${name}`);
    try {
      const result = await callback(transaction);
      await connection.unsafe(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await connection.unsafe(`rollback to savepoint ${name}`);
      throw error;
    }
  };
  return Object.assign(transaction, { savepoint });
}
