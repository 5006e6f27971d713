<?php
/**
 * Loads the library's CDN build as a module script, once per page, only where an element is used.
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * Enqueues the library (and the theme's stylesheet). Safe to call many times: WordPress prints a
 * handle once. Called while rendering, so the script goes to the footer of pages that use an element.
 *
 * @param string[] $tags The pgo tags this page shows (their chunks are preloaded).
 */
function pgo_widgets_enqueue_library( $tags = array() ) {
	pgo_widgets_page_tags( $tags );
	if ( ! has_action( 'wp_footer', 'pgo_widgets_print_preloads' ) ) {
		// Before the footer's scripts (priority 20): the chunks are fetched while the page is read.
		add_action( 'wp_footer', 'pgo_widgets_print_preloads', 5 );
	}
	/**
	 * Filters the address of the library's CDN build (defaults to the copy shipped in the plugin).
	 *
	 * @param string $url The script address.
	 */
	$url = apply_filters( 'pgo_widgets_library_url', plugins_url( 'assets/pgo-widgets.js', PGO_WIDGETS_FILE ) );
	if ( function_exists( 'wp_enqueue_script_module' ) ) {
		// WordPress 6.5+: the script-modules API prints <script type="module"> once per page.
		wp_enqueue_script_module( 'pgo-widgets', $url, array(), PGO_WIDGETS_VERSION );
	} else {
		// Older WordPress: a classic script marked as a module by the filter below.
		wp_enqueue_script( 'pgo-widgets', $url, array(), PGO_WIDGETS_VERSION, true );
	}
	$theme = pgo_widgets_get_settings()['theme'];
	if ( 'default' !== $theme && array_key_exists( $theme, pgo_widgets_themes() ) ) {
		wp_enqueue_style( 'pgo-widgets-theme', plugins_url( 'assets/themes/' . $theme . '.css', PGO_WIDGETS_FILE ), array(), PGO_WIDGETS_VERSION );
		if ( did_action( 'wp_head' ) ) {
			// The head is already printed: print the stylesheet in the footer instead.
			add_action( 'wp_footer', 'wp_print_styles', 1 );
		}
	}
}

/**
 * The pgo tags of the page so far (adds `$add` to them).
 *
 * @param string[] $add Tags to add.
 * @return string[]
 */
function pgo_widgets_page_tags( $add = array() ) {
	static $tags = array();
	foreach ( $add as $tag ) {
		$tags[ $tag ] = true;
	}
	return array_keys( $tags );
}

/**
 * Prints <link rel="modulepreload"> for exactly the chunks the page's widgets need (from the loader's
 * pgo-manifest.json beside it), and their language's when the site does not speak French: the loader then
 * finds them fetched or on their way, one round trip earlier.
 */
function pgo_widgets_print_preloads() {
	$manifest_file = plugin_dir_path( PGO_WIDGETS_FILE ) . 'assets/pgo-manifest.json';
	if ( ! is_readable( $manifest_file ) ) {
		return; // The one-file bundle: nothing to preload.
	}
	$manifest = json_decode( (string) file_get_contents( $manifest_file ), true );
	if ( ! is_array( $manifest ) || empty( $manifest['tags'] ) ) {
		return;
	}
	$url      = apply_filters( 'pgo_widgets_library_url', plugins_url( 'assets/pgo-widgets.js', PGO_WIDGETS_FILE ) );
	$base     = preg_replace( '/[^\/]*$/', '', strtok( $url, '?' ) );
	$language = strtolower( substr( get_locale(), 0, 2 ) );
	$files    = array();
	foreach ( pgo_widgets_page_tags() as $tag ) {
		$own   = isset( $manifest['tags'][ $tag ] ) ? $manifest['tags'][ $tag ] : array();
		$texts = isset( $manifest['languages'][ $language ][ $tag ] ) ? $manifest['languages'][ $language ][ $tag ] : array();
		foreach ( array_merge( $own, $texts ) as $file ) {
			$files[ $file ] = true;
		}
	}
	foreach ( array_keys( $files ) as $file ) {
		if ( preg_match( '/^[\w.-]+\.js$/', $file ) ) {
			echo '<link rel="modulepreload" href="' . esc_url( $base . $file ) . '">' . "\n";
		}
	}
}

// Before WordPress 6.5 (no script-module API) the library is a classic script handle: mark its tag as a module.
add_filter(
	'script_loader_tag',
	function ( $tag, $handle ) {
		if ( 'pgo-widgets' !== $handle ) {
			return $tag;
		}
		return str_replace( '<script ', '<script type="module" ', preg_replace( '/\stype=(["\'])text\/javascript\1/', '', $tag ) );
	},
	10,
	2
);

// Elements pasted as HTML in a post need the library too.
add_filter(
	'the_content',
	function ( $content ) {
		if ( false !== strpos( $content, '<pgo-' ) && preg_match_all( '/<(pgo-[a-z-]+)/', $content, $found ) ) {
			pgo_widgets_enqueue_library( $found[1] );
		}
		return $content;
	},
	20
);
