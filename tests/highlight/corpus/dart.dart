import 'dart:async';

class Page {
  final String title;
  int words;
  Page(this.title, {this.words = 0});

  @override
  String toString() => '$title ($words words)';
}

Future<void> main() async {
  final pages = <Page>[Page('One', words: 3)];
  await Future.delayed(const Duration(seconds: 1));
  print(pages.first);
}
