<?php
namespace App;

use App\Models\Page;

class Renderer
{
    private array $cache = [];

    public function render(Page $page, int $limit = 10): string
    {
        $key = md5($page->title);
        if (isset($this->cache[$key])) {
            return $this->cache[$key];
        }
        // Render and remember.
        return $this->cache[$key] = sprintf("<h1>%s</h1>", htmlspecialchars($page->title));
    }
}
