package org.checkpointio.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs a test's many small store calls (e.g. creating thousands of objects) on a few threads. */
public final class InParallel {
  private static final int THREADS = 8;

  /** A call on one item that may throw. */
  public interface Action<T> {
    void accept(T item) throws Exception;
  }

  private InParallel() {}

  /** Applies {@code action} to every item; rethrows the first failure. */
  public static <T> void forEach(Collection<T> items, Action<T> action) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (T item : items) {
        calls.add(
            pool.submit(
                () -> {
                  action.accept(item);
                  return null;
                }));
      }
      for (Future<?> call : calls) {
        try {
          call.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
