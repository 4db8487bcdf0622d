<?xml version="1.0"?>
<html xmlns:py="http://genshi.edgewall.org/">
  <?python
    title = "Posts"
  ?>
  <head><title>${title}</title></head>
  <body class="$page_class">
    <ul py:if="posts">
      <li py:for="post in posts" class="post">
        <a href="${post.url}">${post.title.upper()}</a>
      </li>
    </ul>
    <p py:otherwise="">No posts.</p>
    <script>var x = "${not lexed}";</script>
  </body>
</html>
