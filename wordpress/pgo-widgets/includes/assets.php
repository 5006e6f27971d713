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
 */
function pgo_widgets_enqueue_library() {
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
		if ( false !== strpos( $content, '<pgo-' ) ) {
			pgo_widgets_enqueue_library();
		}
		return $content;
	},
	20
);
