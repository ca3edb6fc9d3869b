package org.smpledger.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a command writes its result: stdout ({@code -}), or a file that appears only once complete
 * (written beside it under a temporary name, then moved into place).
 */
public final class Output implements AutoCloseable {

    private final Path target;
    private final Path partial;
    private final OutputStream stream;
    private boolean complete;

    private Output(Path target, Path partial, OutputStream stream) {
        this.target = target;
        this.partial = partial;
        this.stream = stream;
    }

    public static Output to(String file, OutputStream stdout) {
        if (file == null || file.equals("-")) {
            return new Output(null, null, new FilterOutputStream(stdout) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
        }
        Path target = Path.of(file).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new CliFailure(ExitCodes.OUTPUT_FAILED, "cannot write " + file + ": it is a folder");
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            return new Output(target, partial, Files.newOutputStream(partial));
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.OUTPUT_FAILED, "cannot write " + file + ": no such folder", e);
        } catch (AccessDeniedException e) {
            throw new CliFailure(ExitCodes.OUTPUT_FAILED, "cannot write " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.OUTPUT_FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public OutputStream stream() {
        return stream;
    }

    public boolean isFile() {
        return target != null;
    }

    public String describe() {
        return target == null ? "stdout" : target.toString();
    }

    /** Everything is written: the file takes its name when closed. */
    public void complete() {
        complete = true;
    }

    @Override
    public void close() {
        try {
            stream.close();
            if (target != null) {
                if (complete) {
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(partial);
                }
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.OUTPUT_FAILED, "cannot write " + describe() + ": " + e.getMessage(), e);
        }
    }
}
