using System;
using System.Linq;

namespace Preview
{
    public sealed class Page
    {
        public string Title { get; init; } = "";
        public int Words => Title.Split(' ').Length;

        public static void Main(string[] args)
        {
            var page = new Page { Title = "Hello world" };
            Console.WriteLine($"{page.Title}: {page.Words} words");
            var evens = Enumerable.Range(0, 10).Where(n => n % 2 == 0).ToList();
        }
    }
}
