package dev.grpccontract.benchmarks.suite;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Renames a class in its class file: every constant-pool string that is the class's internal name
 * becomes the new one. Enough for the suite classes, which mention their own type only as a class
 * constant (no fields or methods of their own type, no nested classes).
 */
final class ClassRenamer {

  private ClassRenamer() {}

  static byte[] rename(byte[] classFile, String from, String to) {
    try {
      ByteBuffer in = ByteBuffer.wrap(classFile);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(classFile.length + 64);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(in.getInt()); // magic
      out.writeShort(in.getShort()); // minor
      out.writeShort(in.getShort()); // major
      int count = Short.toUnsignedInt(in.getShort());
      out.writeShort(count);
      for (int index = 1; index < count; index++) {
        int tag = Byte.toUnsignedInt(in.get());
        out.writeByte(tag);
        switch (tag) {
          case 1: // Utf8
            byte[] text = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(text);
            String value =
                new DataInputStream(new java.io.ByteArrayInputStream(withLength(text))).readUTF();
            out.writeUTF(value.equals(from) ? to : value);
            break;
          case 3:
          case 4:
          case 9:
          case 10:
          case 11:
          case 12:
          case 17:
          case 18:
            copy(in, out, 4);
            break;
          case 5:
          case 6:
            copy(in, out, 8);
            index++;
            break;
          case 7:
          case 8:
          case 16:
          case 19:
          case 20:
            copy(in, out, 2);
            break;
          case 15:
            copy(in, out, 3);
            break;
          default:
            throw new IllegalArgumentException("unknown constant pool tag " + tag);
        }
      }
      byte[] rest = new byte[in.remaining()];
      in.get(rest);
      out.write(rest);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] withLength(byte[] text) {
    byte[] result = new byte[text.length + 2];
    result[0] = (byte) (text.length >>> 8);
    result[1] = (byte) text.length;
    System.arraycopy(text, 0, result, 2, text.length);
    return result;
  }

  private static void copy(ByteBuffer in, DataOutputStream out, int length) throws IOException {
    byte[] chunk = new byte[length];
    in.get(chunk);
    out.write(chunk);
  }
}
