package blog;

import haxe.Json;
import sys.io.File;
using StringTools;

/** A blog post. */
@:keep
class Post {
  public var title(default, null):String;
  public var tags:Array<String> = [];
  static inline var MAX = 100;

  public function new(title:String, ?tags:Array<String>) {
    this.title = title.trim();
    if (tags != null) this.tags = tags;
  }

  public function summary(len:Int = 40):String {
    #if debug
    trace('summary of $title with ${tags.length} tags');
    #end
    return title.length > len ? title.substr(0, len) + "…" : title;
  }

  static function main() {
    var posts = [for (i in 0...3) new Post('Post $i', ["haxe"])];
    for (p in posts) Sys.println(p.summary());
    var data = Json.stringify({count: posts.length, ratio: 0.5e2, hex: 0xFF});
    switch (posts.length) {
      case 0: trace("none");
      case n if (n > 2): trace('many: $n');
      default:
    }
  }
}

enum Color { Red; Green; Rgb(r:Int, g:Int, b:Int); }
typedef Point = { x:Float, y:Float };
