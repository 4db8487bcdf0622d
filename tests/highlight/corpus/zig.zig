const std = @import("std");

pub fn main() !void {
    const stdout = std.io.getStdOut().writer();
    var count: u32 = 0;
    while (count < 3) : (count += 1) {
        try stdout.print("page {d}\n", .{count});
    }
}
