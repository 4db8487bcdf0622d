#!/usr/bin/env raku
use v6.d;

#| A point in the plane.
class Point {
    has Real $.x = 0;
    has Real $.y = 0;

    method distance(Point $other --> Real) {
        sqrt(($!x - $other.x)² + ($!y - $other.y)²)
    }

    method Str { "Point({$!x}, {$!y})" }
}

grammar Greeting {
    token TOP      { <greeting> \s+ <name> }
    token greeting { 'Hello' | 'Hi' }
    token name     { \w+ }
}

sub greet(Str $name, :$loud = False --> Str) {
    my $text = "Hello, $name!";
    return $loud ?? $text.uc !! $text;
}

my @primes = (2..*).grep(*.is-prime);
say @primes[^10];                # first ten primes
my %ages = alice => 31, bob => 27;
for %ages.kv -> $name, $age {
    say "$name is $age years old";
}

#`( This is an embedded
    comment that spans lines )
my $match = 'Hello World' ~~ m/ <[A..Z]> \w+ /;
(my $copy = 'foo bar') ~~ s/foo/baz/;
say $copy.subst(/ \s+ /, '-', :g);

given 42 {
    when * > 40 { say 'big' }
    default     { say 'small' }
}

my @sums = [1, 2, 3] »+« [4, 5, 6];
my $total = [+] @sums;
my $str = q{single {nested} quote};
my $doc = q:to/END/;
    Some heredoc text
    over two lines
    END

sub MAIN(Int :$count = 3) {
    say greet('World', :loud);
    say Point.new(x => 3, y => 4).distance(Point.new);
    .say for ^$count;
}

=begin pod
=head1 NAME

Example - a small B<Raku> program with C<code> and I<emphasis>.

=end pod

unit module Example::Tools:ver<1.2.3>:auth<zef:someone>;

use JSON::Fast;
use Test;

constant PI-ISH = 3.14159;
my constant $limit = 10;
enum Colour <Red Green Blue>;
subset Positive of Int where * > 0;

role Shape { method area { ... } }
class Circle does Shape {
    has $.radius is required;
    method area { PI-ISH * $!radius ** 2 }
}

multi sub fib(0) { 0 }
multi sub fib(1) { 1 }
multi sub fib(Positive $n) { fib($n - 1) + fib($n - 2) }

my %config = :verbose, :!debug, :level(3), :name<widget>, :tags«a b c»;
my @words = <apple banana cherry>;
my @more = «one two "three four"»;
say "Words: @words[]";
say "Config: %config<name> at level {%config<level> + 1}";
say qq:to/EOT/;
    Hello { 'nested ' ~ "closure {1 + 2}" }
    Done at $limit
    EOT

my $regex = rx:i/ ^ \d+ [ '.' \d+ ]? $ /;
if '3.14' ~~ $regex { say "number: $/" }
my $path = '/usr/local/bin';
$path ~~ tr/a..z/A..Z/;
my token word { <alpha>+ }
my regex pair { <word> '=' <value=.word> }
say 'key=val' ~~ /<pair>/;
say 'abc' ~~ / <{ 'a' ~ 'b' }> c /;

my $q = Q[raw [brackets] $not-interpolated];
my $s = 'it\'s';
my $c = ｢corner brackets｣;
#`{{ double { braces } comment }}
#`« guillemet comment »
my $supply = supply { emit $_ for ^3 };
react {
    whenever $supply -> $v { say $v }
}
start { sleep 0.1; say 'done' }
await Promise.in(0.2);
my @m = (1, 2, 3) X* (4, 5);
my @z = 1..3 Z=> <a b c>;
is fib(10), 55, 'fib works';
done-testing;

=begin code :lang<raku>
my $x = 1 + 2;
say $x;
=end code

=for comment
Some comment paragraph.

=head2 Usage

Call C<fib(B<n>)> with U<care>; see L<https://raku.org>.
